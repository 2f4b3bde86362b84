import { createHash } from 'node:crypto';

/**
 * What an approval is bound to: the base revision, the file, and the exact before and after
 * texts. Any change to any of them gives another hash, and earlier approvals stop counting.
 */
export function changeDiffHash(input: { baseRevision: string; filePath: string; baseText: string; proposedText: string }): string {
  const hash = createHash('sha256');
  for (const part of [input.baseRevision, input.filePath, input.baseText, input.proposedText]) {
    hash.update(String(Buffer.byteLength(part)));
    hash.update(':');
    hash.update(part);
  }
  return hash.digest('hex');
}
