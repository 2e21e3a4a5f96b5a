import { DomainError } from '../errors/domain.error';

/** One problem in a city file, located by a JSON path such as `$.spaces[12].lotId`. */
export interface CityFileIssue {
  path: string;
  message: string;
}

/** A city file that cannot be imported; `details.errors` lists every problem found. */
export class CityFileInvalidError extends DomainError {
  constructor(readonly errors: CityFileIssue[]) {
    super(
      'validation_failed',
      `the city file has ${errors.length} error${errors.length === 1 ? '' : 's'}`,
      { errors },
    );
  }
}
