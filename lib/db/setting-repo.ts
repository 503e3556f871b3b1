import type { Prisma } from "./generated/client";
import { db } from "./prisma";

export async function getSetting<T>(key: string): Promise<T | undefined> {
  const row = await db.setting.findUnique({ where: { key } });
  return row ? (row.value as T) : undefined;
}

export async function setSetting(key: string, value: unknown) {
  const json = value as Prisma.InputJsonValue;
  await db.setting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
}
