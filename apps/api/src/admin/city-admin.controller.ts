import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CityImportCounts, CityService } from '@app/city';
import { CityFile, cityFileSchema } from '@app/domain';
import { Access } from '../common/public.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { named } from '../openapi/schemas/registry';
import { cityImportSchema } from '../openapi/schemas/staff.schemas';

const cityFile = named('CityFile', cityFileSchema);

/** Import and export of the whole city file (docs/city-file.md). */
@ApiTags('admin')
@Controller('v1/admin/city')
export class CityAdminController {
  constructor(private readonly city: CityService) {}

  /** 200 with per-table counts; 422 `validation_failed` listing every problem by JSON path. */
  @Access('admin')
  @Post()
  @HttpCode(200)
  @ApiDoc({
    summary: 'Import the whole city file (docs/city-file.md): all or nothing',
    description: '422 `validation_failed` lists every problem by JSON path in `details`.',
    body: cityFile,
    response: cityImportSchema,
    errors: [413, 422],
  })
  import(@Body() body: unknown): Promise<CityImportCounts> {
    return this.city.import(body);
  }

  @Access('admin')
  @Get()
  @ApiDoc({ summary: 'Export the city file as stored', response: cityFile })
  export(): Promise<CityFile> {
    return this.city.export();
  }
}
