/**
 * A forked process that runs one autocannon load and sends its result back: the load generator
 * then competes with the servers for the cores as a process of its own, scheduled by the kernel,
 * rather than inside the bench's coordinator (see bench/load/autocannon-child.ts).
 */
import autocannon from "autocannon";
import { z } from "zod";

/** The options the coordinator sends: what bench/load/autocannon-child.ts passes on. */
const optionsSchema = z.object({
  url: z.string(),
  connections: z.number().int().positive(),
  duration: z.number().positive(),
  method: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});

process.once("message", (message: unknown) => {
  const options = optionsSchema.parse(message);
  void autocannon(options).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }, () => process.exit(1)),
  );
});
