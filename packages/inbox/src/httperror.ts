/** A request the inbox refuses: the status to answer and a one-line reason for `X-Sentry-Error`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
