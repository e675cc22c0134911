// Checking an answer against its schema: a malformed answer is a ShapeError that says where, never a
// half-filled model.
import type { z } from 'zod';
import { ShapeError } from '../core/errors';

export function parseAnswer<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ShapeError(`${what}: unexpected answer (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'}).`);
  }
  return result.data;
}
