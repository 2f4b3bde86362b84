// "1 pod", "3 pods": counts in the sentences Berth shows. Runs in the browser too.
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
