import { Provider } from '@nestjs/common';
import { ArrivalForecaster, ForecastStore } from '@app/forecast';
import { PgForecastStore } from '@app/persistence';
import { DataSource } from 'typeorm';
import { ArrivalAnswers } from './arrival-answers';
import { ForecastRuntime } from './forecast-runtime.service';

/** Availability at arrival: the PostgreSQL statistics store, the forecaster and its answers. */
export const forecastProviders: Provider[] = [
  {
    provide: ForecastStore,
    inject: [DataSource],
    useFactory: (ds: DataSource) => new PgForecastStore(ds),
  },
  {
    provide: ArrivalForecaster,
    inject: [ForecastStore],
    useFactory: (store: ForecastStore) => new ArrivalForecaster(store),
  },
  ForecastRuntime,
  ArrivalAnswers,
];
