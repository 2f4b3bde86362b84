import { PageHeader } from './ui/page-header';
import { EmptyState } from './ui/empty-state';

// An area that has not landed yet says so instead of pretending to work.
export function NotBuiltYet({ title, description, coming }: { title: string; description: string; coming: string }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState title="Not built yet">{coming}</EmptyState>
    </>
  );
}
