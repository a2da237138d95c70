// A request the tunnel refuses: the status and a short reason for the browser's network tab.

/** Thrown inside the tunnel; turned into an HTTP answer, never seen by the app. */
export class TunnelRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'TunnelRefusal';
  }
}
