import type { GeoPoint } from '../domain/common.js';
import { ValidationError, type FieldError } from '../errors.js';
import type { Deps } from './deps.js';
import type { z } from 'zod';

type Place = { postcode: string; location?: z.infer<typeof GeoPoint> };

/**
 * A place people typed (a postcode) with its location: the caller's, when one was given (API clients
 * may send coordinates; `precision: "given"`), otherwise the geocoder's. A postcode the geocoder
 * cannot place is a 400 naming the field, so nothing is stored that matching could not find.
 */
export async function locate<T extends Place>(deps: Pick<Deps, 'geocoder'>, place: T, field: string): Promise<T> {
  const r = await tryLocate(deps, place, field);
  if ('error' in r) throw new ValidationError('We could not find that postcode', { errors: [r.error] });
  return r.place;
}

/** As `locate`, but the unknown postcode comes back as a field error, to report with the request's others. */
export async function tryLocate<T extends Place>(
  deps: Pick<Deps, 'geocoder'>,
  place: T,
  field: string,
): Promise<{ place: T } | { error: FieldError }> {
  if (place.location) return { place: { ...place, location: { ...place.location, precision: place.location.precision ?? 'given' } } };
  const found = await deps.geocoder.locate(place.postcode);
  if (!found) return { error: { path: `${field}.postcode`, message: 'is not a postcode we can find: check it, or enter the nearest one' } };
  return { place: { ...place, location: found } };
}
