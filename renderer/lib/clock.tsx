/** The time the screens show. The app uses Date.now; tests pass a fixed clock. */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

type Now = () => number;
const ClockContext = createContext<Now>(() => Date.now());

export function ClockProvider({ now, children }: { now: Now; children: ReactNode }) {
  return <ClockContext value={now}>{children}</ClockContext>;
}

/** The clock itself, to read the exact time at a moment (a timer's start and stop). */
export function useClock(): Now {
  return useContext(ClockContext);
}

/** The current time, re-read every `everyMs` so relative times and "today" stay right. */
export function useNow(everyMs = 30_000): number {
  const now = useContext(ClockContext);
  const [value, setValue] = useState(now);
  useEffect(() => {
    const t = setInterval(() => setValue(now()), everyMs);
    return () => clearInterval(t);
  }, [now, everyMs]);
  return value;
}
