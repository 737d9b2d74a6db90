/** How precisely a location is known: the full postcode, its district's centre, or as given by the caller. */
export type LocationPrecision = 'postcode' | 'district' | 'given';

export interface Located {
  lat: number;
  lng: number;
  precision: LocationPrecision;
}

/**
 * Turns a postcode into a place. Every address, site and home is located from what people type: a
 * postcode (docs/matching.md, "Places"). Undefined means the postcode is not one we can place.
 */
export interface Geocoder {
  locate(postcode: string): Promise<Located | undefined>;
}
