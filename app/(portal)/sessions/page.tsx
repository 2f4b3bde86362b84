import { NotBuiltYet } from '@/components/not-built-yet';

export const metadata = { title: 'Training sessions' };

export default function Page() {
  return <NotBuiltYet title="Training sessions" description="The platform team's weekly training sessions." coming="Session agendas, recordings and slides will be listed here." />;
}
