// The demo sign-in's browser side. next-auth's client (about 10 kB) loads on the click that needs
// it: the sign-out button is in every page's header, and signing in or out is rare. When that code
// cannot be fetched, next-auth's own pages (plain HTML forms) do the same job.

export async function signInAs(email: string, callbackUrl: string): Promise<void> {
  let client: typeof import('next-auth/react');
  try {
    client = await import('next-auth/react');
  } catch {
    // A route handler's HTML form, not a Next.js page: a full navigation is what it needs.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/api/auth/signin?${new URLSearchParams({ callbackUrl })}`);
    return;
  }
  await client.signIn('dev', { email, callbackUrl });
}

export async function signOutToStart(): Promise<void> {
  let client: typeof import('next-auth/react');
  try {
    client = await import('next-auth/react');
  } catch {
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/api/auth/signout?${new URLSearchParams({ callbackUrl: '/' })}`);
    return;
  }
  await client.signOut({ callbackUrl: '/' });
}
