import type { ButtonHTMLAttributes, ReactNode } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'default' | 'primary' | 'ghost' | 'danger';
  size?: 'default' | 'large' | 'icon';
  icon?: ReactNode;
}

export function Button({
  variant = 'default',
  size = 'default',
  icon,
  className,
  children,
  type,
  ...rest
}: ButtonProps) {
  const classes = ['btn'];
  if (variant !== 'default') classes.push(`btn--${variant}`);
  if (size !== 'default') classes.push(`btn--${size}`);
  if (className) classes.push(className);
  return (
    <button type={type ?? 'button'} className={classes.join(' ')} {...rest}>
      {icon}
      {children}
    </button>
  );
}
