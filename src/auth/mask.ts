/** Analysts see enough to tell applicants apart, not enough to contact them. */
export function maskName(name: string): string {
  return name.length === 0 ? name : `${[...name][0]}***`;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${[...email][0]}***${email.slice(at)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `***${digits.slice(-2)}`;
}
