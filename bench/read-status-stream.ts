// One SSE client of Berth's status stream, in process: the route handler's Response body read as
// it is produced, each `event: status` handed over with the moment its bytes left the handler.
export type StatusEventHandler = (data: string, at: number) => void;

export async function readStatusStream(body: ReadableStream<Uint8Array>, onStatus: StatusEventHandler): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const at = performance.now();
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!block.includes('event: status')) continue;
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data) onStatus(data.slice(6), at);
      }
    }
  } catch {
    // aborted by the benchmark
  } finally {
    reader.releaseLock();
  }
}
