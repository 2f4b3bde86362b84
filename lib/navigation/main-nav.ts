// The portal's areas, in the order engineers use them. Shared by the header and the home page.
export interface NavItem {
  href: string;
  label: string;
  description: string;
}

export const mainNav: NavItem[] = [
  {
    href: '/apps',
    label: 'Apps',
    description: "Your team's apps: their values in stage and production, whether they are healthy, and their logs.",
  },
  {
    href: '/changes',
    label: 'Changes',
    description: 'Production values changes waiting for a second person, and the ones you asked for.',
  },
  {
    href: '/migration',
    label: 'Migration',
    description: 'Where each app stands in its move from Aptible, what it is waiting for and who: the working group’s board.',
  },
  {
    href: '/guides',
    label: 'Guides',
    description: 'Everything you did on Aptible, and how to do it on GKE — in the terms you already know.',
  },
  {
    href: '/sessions',
    label: 'Sessions',
    description: "The platform team's weekly training sessions: agendas, recordings and slides.",
  },
  {
    href: '/feedback',
    label: 'Feedback',
    description: 'Tell the migration working group what is broken or unclear; follow it to resolution.',
  },
];
