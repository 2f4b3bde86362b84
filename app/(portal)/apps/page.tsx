import { NotBuiltYet } from '@/components/not-built-yet';

export const metadata = { title: 'Apps' };

export default function Page() {
  return <NotBuiltYet title="Apps" description="Your team's apps in stage and production." coming="The app catalog from the config repository is being built." />;
}
