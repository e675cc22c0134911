// Checking an answer against its schema: a malformed answer is a ShapeError that says where, never a
// half-filled model.
import * as v from 'valibot';
import { ShapeError } from '../core/account/errors';

export function parseAnswer<T extends v.GenericSchema>(schema: T, value: unknown, what: string): v.InferOutput<T> {
  const result = v.safeParse(schema, value);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join('.') || 'root';
    throw new ShapeError(`${what}: unexpected answer (${where}: ${issue.message}).`);
  }
  return result.output;
}
