import Link from 'next/link';
import { ConceptMap, type ConceptRow } from '@/components/guides/concept-map';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { listConcepts } from '@/lib/guides/load-concepts';
import { getGuide } from '@/lib/guides/load-guides';

export const metadata = { title: 'Concept map' };

export default async function ConceptsPage() {
  await requireUser('/concepts');
  const concepts: ConceptRow[] = listConcepts().map((concept) => ({
    ...concept,
    guideTitle: getGuide(concept.guide)?.frontmatter.title ?? null,
  }));
  return (
    <>
      <PageHeader
        title="Concept map"
        description={
          <>
            Every Aptible concept, what it became on GCP and GKE, where you change it now — a key in your app&apos;s values or a
            page of the console — and the guide that teaches it. For <code className="font-mono text-sm">aptible</code> commands, see the{' '}
            <Link href="/commands">command translator</Link>.
          </>
        }
      />
      {concepts.length === 0 ? <EmptyState title="The concept map is empty">content/concepts.yaml lists no concepts.</EmptyState> : <ConceptMap concepts={concepts} />}
    </>
  );
}
