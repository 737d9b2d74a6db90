import { parse } from 'postcode';

/**
 * UK postcodes as people type them ("ls1 4ap", "LS14AP", " LS1  4AP "): validated and normalised by
 * the `postcode` package (ideal-postcodes), which knows the shapes the Royal Mail uses.
 */
export function normalisePostcode(typed: string): { postcode: string; outcode: string } | undefined {
  const p = parse(typed.trim());
  return p.valid ? { postcode: p.postcode, outcode: p.outcode } : undefined;
}
