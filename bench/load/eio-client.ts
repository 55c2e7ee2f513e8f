/**
 * A bare Engine.IO v4 / Socket.IO v5 client over one raw WebSocket, for load generation: it answers
 * pings, connects the default namespace (with optional auth), emits events with ack ids, and hands
 * every server event frame to the caller as the raw Buffer, unparsed. socket.io-client costs about
 * as much CPU per message as the server does; this costs a byte comparison.
 */
import WebSocket from "ws";

/** Where to connect and how; `localAddress` spreads sockets over 127.0.0.x for port space. */
export interface EioOptions {
  /** http://host:port of the server. */
  baseUrl: string;
  localAddress?: string;
  /** Sent in the Socket.IO CONNECT packet, e.g. `{ token }`. */
  auth?: object;
  /** Called with each `42[...]` event frame; parse only what you measure. */
  onEvent?: (frame: Buffer) => void;
  /** Called once when the connection ends, for whatever reason. */
  onClose?: () => void;
}

const PING = 0x32; // "2"
const OPEN = 0x30; // "0"
const MESSAGE = 0x34; // "4"
const SIO_CONNECT = 0x30;
const SIO_EVENT = 0x32;
const SIO_ACK = 0x33;
const SIO_CONNECT_ERROR = 0x34;

/** One Socket.IO connection; `ready` settles once the namespace is connected (or refused). */
export class EioSocket {
  readonly ready: Promise<void>;
  #ws: WebSocket;
  #acks = new Map<number, (answer: string) => void>();
  #nextAck = 0;
  #open = false;

  constructor(private readonly options: EioOptions) {
    const wsUrl = `${options.baseUrl.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`;
    this.#ws = new WebSocket(wsUrl, {
      localAddress: options.localAddress,
      perMessageDeflate: false,
      skipUTF8Validation: true,
      headers: { origin: options.baseUrl },
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.#ws.on("message", (data: Buffer) => this.#onFrame(data, resolve, reject));
      this.#ws.on("error", (err) => reject(err));
      this.#ws.on("close", () => {
        this.#open = false;
        reject(new Error("closed before connect"));
        options.onClose?.();
      });
    });
  }

  /** True while the namespace is connected. */
  get open(): boolean {
    return this.#open;
  }

  /** Emits `event` with a JSON payload; with `onAck`, asks for an acknowledgement (raw JSON array). */
  emit(event: string, payload: unknown, onAck?: (answer: string) => void): void {
    const body = JSON.stringify([event, payload]);
    if (!onAck) {
      this.#ws.send(`42${body}`);
      return;
    }
    const id = this.#nextAck++;
    this.#acks.set(id, onAck);
    this.#ws.send(`42${id}${body}`);
  }

  /** Emits and resolves with the raw ack (a JSON array holding the answer). */
  request(event: string, payload: unknown): Promise<string> {
    return new Promise((resolve) => this.emit(event, payload, resolve));
  }

  /** Number of emits still waiting for their ack. */
  get pendingAcks(): number {
    return this.#acks.size;
  }

  close(): void {
    this.#ws.terminate();
  }

  #onFrame(data: Buffer, resolve: () => void, reject: (err: Error) => void): void {
    const kind = data[0];
    if (kind === MESSAGE) {
      const sio = data[1];
      if (sio === SIO_EVENT) this.options.onEvent?.(data);
      else if (sio === SIO_ACK) this.#onAck(data);
      else if (sio === SIO_CONNECT) {
        this.#open = true;
        resolve();
      } else if (sio === SIO_CONNECT_ERROR) reject(new Error(data.toString("utf8", 2)));
    } else if (kind === PING) this.#ws.send("3");
    else if (kind === OPEN) {
      this.#ws.send(this.options.auth ? `40${JSON.stringify(this.options.auth)}` : "40");
    }
  }

  #onAck(data: Buffer): void {
    let i = 2;
    let id = 0;
    while (i < data.length && data[i]! >= 0x30 && data[i]! <= 0x39) {
      id = id * 10 + data[i]! - 0x30;
      i += 1;
    }
    const callback = this.#acks.get(id);
    if (!callback) return;
    this.#acks.delete(id);
    callback(data.toString("utf8", i));
  }
}
