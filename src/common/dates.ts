/** Today's date (UTC) as an ISO `YYYY-MM-DD` string, the form of every date column and `LocalDate` value. */
export const today = (now = new Date()) => now.toISOString().slice(0, 10);
