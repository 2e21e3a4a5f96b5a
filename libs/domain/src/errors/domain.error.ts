/** Typed domain errors; the API maps each code to an HTTP status in one exception filter. */
export type DomainErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} not found`);
  }
}

/** A bad request parameter; `param` names it in the response. */
export class BadParameterError extends DomainError {
  constructor(
    readonly param: string,
    reason: string,
  ) {
    super('bad_request', `${param}: ${reason}`, { param });
  }
}
