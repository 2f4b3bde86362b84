// Who is signed in. Identity arrives with lib/auth; until then the slot says so plainly.
export async function UserSlot() {
  return <span className="text-sm text-slate-500">Not signed in</span>;
}
