// The header's notices for the signed-in person: reviews waiting, unseen decisions on their requests.
import { withUser } from '@/lib/auth/with-user';
import { getNotices } from '@/lib/home/get-notices';
import { jsonData } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = withUser(async (_request, { user }) => jsonData(await getNotices(user)));
