// The demo sign-in's browser side. next-auth's client (about 10 kB) loads on the click that needs
// it: the sign-out button is in every page's header, and signing in or out is rare.

export async function signInAs(email: string, callbackUrl: string): Promise<void> {
  const { signIn } = await import('next-auth/react');
  await signIn('dev', { email, callbackUrl });
}

export async function signOutToStart(): Promise<void> {
  const { signOut } = await import('next-auth/react');
  await signOut({ callbackUrl: '/' });
}
