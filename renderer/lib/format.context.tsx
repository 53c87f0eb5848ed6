import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { CurrencyCode, LocaleTag } from '../../shared/domain/settings.ts';
import { createFormatters, type Formatters } from './format.ts';

const FormatContext = createContext<Formatters>(createFormatters('en-GB', 'GBP'));

export function FormatProvider({
  locale,
  currency,
  children,
}: {
  locale: LocaleTag;
  currency: CurrencyCode;
  children: ReactNode;
}) {
  const value = useMemo(() => createFormatters(locale, currency), [locale, currency]);
  return <FormatContext value={value}>{children}</FormatContext>;
}

export function useFormat(): Formatters {
  return useContext(FormatContext);
}
