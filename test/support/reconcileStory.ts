// The small story the reconciliation report and screen tests share: A 100 a
// month Jan–Jun 2024, B 200 Jan–May (paid to the end of May, cancelled on
// 2024-03-10), C 50 Feb–Mar, D 80 Jan–Jun; as of 2024-06-30. The reference
// counts B's churn at the cancellation (no B after February) and has D at 90
// in June: 600.00 explained by the churn date, −10.00 unexplained in one customer.

export const STORY_SUBSCRIPTIONS = `customer_id,subscription_id,plan,amount,billing_interval,start_date,end_date,canceled_at
A,a1,Pro,100,month,2024-01-01,,
B,b1,Pro,200,month,2024-01-01,2024-06-01,2024-03-10
C,c1,Pro,50,month,2024-02-01,2024-04-01,
D,d1,Pro,80,month,2024-01-01,,
`;

const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2024-${String(from + i).padStart(2, '0')}`);

export const STORY_REFERENCE = [
  'customer_id,month,mrr',
  ...months(1, 6).map((m) => `A,${m},100`),
  ...months(1, 2).map((m) => `B,${m},200`),
  ...months(2, 3).map((m) => `C,${m},50`),
  ...months(1, 5).map((m) => `D,${m},80`),
  'D,2024-06,90',
].join('\n');
