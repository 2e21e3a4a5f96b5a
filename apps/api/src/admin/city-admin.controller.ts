import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CityImportCounts, CityService } from '@app/city';
import { CityFile } from '@app/domain';
import { Access } from '../common/public.decorator';

/** Import and export of the whole city file (docs/city-file.md). */
@Controller('v1/admin/city')
export class CityAdminController {
  constructor(private readonly city: CityService) {}

  /** 200 with per-table counts; 422 `validation_failed` listing every problem by JSON path. */
  @Access('admin')
  @Post()
  @HttpCode(200)
  import(@Body() body: unknown): Promise<CityImportCounts> {
    return this.city.import(body);
  }

  @Access('admin')
  @Get()
  export(): Promise<CityFile> {
    return this.city.export();
  }
}
