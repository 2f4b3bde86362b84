import { NotBuiltYet } from '@/components/not-built-yet';

export const metadata = { title: 'Feedback' };

export default function Page() {
  return <NotBuiltYet title="Feedback" description="Tell the migration working group what is broken or unclear." coming="Filing feedback and the working group's triage board are being built." />;
}
