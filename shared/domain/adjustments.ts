import { z } from 'zod';

/**
 * Workplace adjustments in one vocabulary both sides use: what a participant needs (their sensitive part)
 * and what an employer offers (its commitments), so matching can compare them. Each side may add its own
 * words too (the free-text lists); only these kinds are compared.
 */
export const ADJUSTMENTS = [
  'flexible-hours',
  'phased-start',
  'regular-breaks',
  'seating',
  'step-free-access',
  'accessible-toilet',
  'adapted-workstation',
  'assistive-technology',
  'quiet-space',
  'written-instructions',
  'visual-instructions',
  'job-coach-or-buddy',
  'time-off-for-appointments',
  'interview-adjustments',
  'fixed-shift-pattern',
  'lifting-aids',
] as const;
export const Adjustment = z.enum(ADJUSTMENTS).meta({ description: 'A kind of workplace adjustment, from the shared list' });
export type Adjustment = z.infer<typeof Adjustment>;

/** Each kind in plain words. */
export const ADJUSTMENT_LABELS: Record<Adjustment, string> = {
  'flexible-hours': 'flexible hours or start times',
  'phased-start': 'a phased start',
  'regular-breaks': 'regular breaks',
  seating: 'seating at work',
  'step-free-access': 'step-free access',
  'accessible-toilet': 'an accessible toilet',
  'adapted-workstation': 'an adapted workstation',
  'assistive-technology': 'assistive technology (screen readers, magnifiers)',
  'quiet-space': 'a quiet space',
  'written-instructions': 'written instructions and rotas',
  'visual-instructions': 'instructions shown, not only written',
  'job-coach-or-buddy': 'a job coach, buddy or mentor',
  'time-off-for-appointments': 'time off for appointments',
  'interview-adjustments': 'interview adjustments (questions in advance, extra time)',
  'fixed-shift-pattern': 'a fixed shift pattern',
  'lifting-aids': 'lifting aids',
};
