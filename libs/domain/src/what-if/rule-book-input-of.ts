import { CityFile } from '../city';
import { RuleBookInput } from '../rules';

/** The parts of a parsed city file the rules engine reads. */
export function ruleBookInputOf(city: CityFile): RuleBookInput {
  return {
    timeZone: city.city.timeZone,
    currency: city.city.currency,
    calendar: city.calendar,
    pricingTiers: city.pricingTiers,
    rules: city.rules,
    exemptions: city.exemptions,
    zones: city.zones,
    lots: city.lots,
    spaces: city.spaces,
  };
}
