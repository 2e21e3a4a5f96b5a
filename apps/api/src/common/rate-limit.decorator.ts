import { SetMetadata } from '@nestjs/common';

export const SKIP_RATE_LIMIT = 'skipRateLimit';
/** Exempts a public route from the per-IP rate limit (probes, the OpenAPI document). */
export const SkipRateLimit = () => SetMetadata(SKIP_RATE_LIMIT, true);
