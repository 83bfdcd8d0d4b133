import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads'

/**
 * A worker thread this thread waits for without its event loop: inside a synchronous bulk load (the
 * seed's ledger worker) or a synchronous call of the Store port (the PostgreSQL bridge). The worker
 * is given one end of a MessageChannel and a shared word (`workerData: { port, signal }`) and raises
 * the word after each message it posts; this thread sleeps on the word (Atomics.wait) and takes the
 * message with receiveMessageOnPort. How the word is raised and lowered is each caller's protocol.
 * Neither the worker nor this thread's port keeps the process alive: a CLI ends when its work does.
 */
export function channelWorker(entry: string): { worker: Worker; port: MessagePort; flag: Int32Array } {
  const signal = new SharedArrayBuffer(4)
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(entry, { workerData: { port: port2, signal }, transferList: [port2] })
  worker.unref()
  port1.unref()
  return { worker, port: port1, flag: new Int32Array(signal) }
}

/** Tells the waiting thread that a message was posted (the worker's side of receiveSync()). */
export function notify(signal: SharedArrayBuffer): void {
  const flag = new Int32Array(signal)
  Atomics.add(flag, 0, 1)
  Atomics.notify(flag, 0)
}

/**
 * The worker's next message, waited for without the event loop (a bulk load runs inside one
 * synchronous transaction). Throws when the worker says nothing for `silenceMs`, naming `who`.
 */
export function receiveSync<T>(port: MessagePort, flag: Int32Array, silenceMs: number, who: string): T {
  const deadline = Date.now() + silenceMs
  for (;;) {
    // The count is read before looking: a message posted after the look has raised it, and the wait returns at once.
    const seen = Atomics.load(flag, 0)
    const received = receiveMessageOnPort(port)
    if (received) return received.message as T
    if (Atomics.wait(flag, 0, seen, Math.max(0, deadline - Date.now())) === 'timed-out') throw new Error(`${who} said nothing for ${Math.round(silenceMs / 60_000)} min`)
  }
}
