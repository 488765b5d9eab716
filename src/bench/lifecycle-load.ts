/** Runs `total` lifecycles with `concurrency` in flight; reports wall time and this process's CPU. */
export interface LoadResult {
  lifecycles: number;
  concurrency: number;
  seconds: number;
  lifecyclesPerSec: number;
  cpuMsPerLifecycle: number;
}

export async function runLoad(total: number, concurrency: number, lifecycle: () => Promise<void>): Promise<LoadResult> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        await lifecycle();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return {
    lifecycles: total,
    concurrency,
    seconds: round(seconds),
    lifecyclesPerSec: round(total / seconds),
    cpuMsPerLifecycle: round((cpu.user + cpu.system) / 1000 / total),
  };
}

export const round = (n: number): number => Math.round(n * 100) / 100;
