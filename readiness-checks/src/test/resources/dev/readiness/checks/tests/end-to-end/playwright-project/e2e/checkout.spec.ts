import { test, expect } from '@playwright/test';

test.describe('checkout', () => {
  test('shows the basket total', async () => {
    expect(2 * 21).toBe(42);
  });

  test('pays with card', async () => {
    const status = 'declined';
    expect(status, 'payment status').toBe('accepted');
  });

  test('applies a voucher', async () => {
    test.skip(true, 'voucher service not in staging');
  });

  test('loads the receipt', async ({}, testInfo) => {
    expect(testInfo.retry, 'receipt loaded on first attempt').toBeGreaterThan(0);
  });
});
