import { createTransport } from 'nodemailer';

/** A message to one person, in plain text. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail (SMTP_URL); absent when no mail server is set up. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A mailer over SMTP with nodemailer, from an `smtp://` or `smtps://` URL (credentials in it if the server needs them). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
