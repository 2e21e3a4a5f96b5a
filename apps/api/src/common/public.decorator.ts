import { SetMetadata } from '@nestjs/common';

export const ACCESS_KEY = 'access';
/** Who may call an endpoint. Every route must carry exactly one of these decisions. */
export type Access = 'public' | 'gateway' | 'police' | 'operator' | 'admin';

export const Access = (access: Access) => SetMetadata(ACCESS_KEY, access);
export const Public = () => Access('public');
