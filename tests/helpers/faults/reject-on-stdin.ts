/**
 * Preloaded into a child server (startChildServer's `preload`): the first line on stdin makes a
 * promise reject with nobody to handle it, as a forgotten `await` in production would.
 */
process.stdin.once("data", () => {
  void Promise.reject(new Error("planted unhandled rejection"));
});
