import { NotBuiltYet } from '@/components/not-built-yet';

export const metadata = { title: 'Guides' };

export default function Page() {
  return <NotBuiltYet title="Guides" description="Everything you did on Aptible, and how to do it on GKE." coming="The training guides, the concept map and the aptible command translator are being written." />;
}
