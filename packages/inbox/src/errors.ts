/**
 * Start-up input the inbox cannot work with (a port in use, an unwritable data folder, a
 * bad option). The message is one line meant for a person; the CLI prints it and exits 2.
 */
export class InboxStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InboxStartError';
  }
}
