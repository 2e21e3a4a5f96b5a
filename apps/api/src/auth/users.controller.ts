import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthService } from '@app/auth';
import { z } from 'zod';
import { Access } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { createdUserSchema, userListSchema } from '../openapi/schemas/staff.schemas';
import { parseOrThrow } from './zod-body';

export const createUserSchema = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(1024),
    role: z.enum(['admin', 'operator', 'police']),
    zones: z.array(z.string().max(64)).max(1000).default([]),
  })
  .strict();

/** Staff accounts, for administrators (the first admin comes from `npm run user`). */
@ApiTags('admin')
@Access('admin')
@Controller('v1/auth/users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiDoc({ summary: 'Staff accounts', response: userListSchema })
  async list() {
    return { items: await this.auth.listUsers() };
  }

  @Post()
  @ApiDoc({
    summary: 'Create a staff account',
    body: createUserSchema,
    response: createdUserSchema,
    errors: [409],
  })
  async create(@Body() body: unknown) {
    const u = await this.auth.createUser(parseOrThrow(createUserSchema, body));
    return { id: u.id, username: u.username, role: u.role, zones: u.zones };
  }
}
