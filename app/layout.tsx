import type { Metadata } from 'next';
import { connection as dynamicRendering } from 'next/server';
import type { ReactNode } from 'react';
import { FeedbackHeaderSlot } from '@/components/feedback/feedback-header-slot';
import { LogAccessBadgeSlot } from '@/components/logs/log-access-badge-slot';
import { SiteHeader } from '@/components/site-header';
import { UserSlot } from '@/components/user-slot';
import { noticesForHeader } from '@/components/home/notices-for-header';
import { getConfig } from '@/lib/config/get-config';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Berth', template: '%s · Berth' },
  description: "Meridian Care's developer portal for apps on GKE: values, status, logs, guides and feedback.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page depends on who is asking and on live state: render at request time, never at build.
  await dynamicRendering();
  const { connection } = getConfig();
  const notices = await noticesForHeader();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <SiteHeader
          connection={connection}
          notices={notices}
          userSlot={
            <>
              <LogAccessBadgeSlot />
              <FeedbackHeaderSlot />
              <UserSlot />
            </>
          }
        />
        <main id="main" className="mx-auto max-w-screen-2xl px-4 py-6 sm:px-6 lg:py-8 has-[[data-full-width]]:max-w-none">
          {children}
        </main>
      </body>
    </html>
  );
}
