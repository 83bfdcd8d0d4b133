import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads'

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
