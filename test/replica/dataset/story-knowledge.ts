/**
 * Knowledge articles of the story (issue 13): ServiceNow `kb_knowledge` rows (columns:
 * ../shared/reference/servicenow/kb_knowledge-columns.json) and Zendesk Help Center articles (the article object of
 * https://developer.zendesk.com/api-reference/help_center/help-center-api/articles/). They mention the story's
 * references (INC0010001 and SHOP-101: the checkout bug; SHOP-102: coupons) or its words, and each kind of hit a
 * search over-matches is here too: drafts and retired articles, `SHOP-1010` for `SHOP-101`.
 */
import type { HelpCenterArticle, KbArticle } from './types.ts';

export function storyKbArticles(): KbArticle[] {
  return [
    {
      sysId: 'a1b2c3d4e5f60718293a4b5c6d7e8f01',
      number: 'KB0010001',
      shortDescription: 'Checkout times out for large carts: workaround until SHOP-101 ships',
      text: '<p>Customers with carts over 50 items see the checkout time out (INC0010001, tracked as <b>SHOP-101</b>).</p><p>Until the fix ships, ask them to split the order.</p>',
      meta: 'checkout, timeout, large cart',
      workflowState: 'published',
      authorKey: 'sam',
      updatedAt: '2026-03-12T10:00:00Z',
      publishedAt: '2026-03-05',
    },
    {
      sysId: 'a1b2c3d4e5f60718293a4b5c6d7e8f02',
      number: 'KB0010002',
      shortDescription: 'Splitting big orders when the checkout is slow',
      text: '<p>When checkout times are long for carts with many items, split the order in two.</p>',
      meta: 'checkout, orders',
      workflowState: 'published',
      authorKey: 'sam',
      updatedAt: '2026-02-20T09:30:00Z',
      publishedAt: '2026-02-20',
    },
    {
      sysId: 'a1b2c3d4e5f60718293a4b5c6d7e8f03',
      number: 'KB0010003',
      shortDescription: 'Draft: release notes for the SHOP-101 fix',
      text: '<p>SHOP-101 is fixed in shop-api 2.4.1 (draft, not reviewed).</p>',
      meta: '',
      workflowState: 'draft',
      authorKey: 'sam',
      updatedAt: '2026-03-14T16:00:00Z',
    },
    {
      sysId: 'a1b2c3d4e5f60718293a4b5c6d7e8f04',
      number: 'KB0010004',
      shortDescription: 'Gift cards rejected at the till',
      // `textLIKESHOP-101` finds it; it is about SHOP-1010, and verification drops it.
      text: '<p>Known issue SHOP-1010: gift cards are rejected at the till.</p>',
      meta: 'gift card',
      workflowState: 'published',
      authorKey: 'sam',
      updatedAt: '2026-03-01T08:00:00Z',
      publishedAt: '2026-03-01',
    },
    {
      sysId: 'a1b2c3d4e5f60718293a4b5c6d7e8f05',
      number: 'KB0010005',
      shortDescription: 'Checkout times out for large carts (old advice)',
      text: '<p>Superseded advice about SHOP-101.</p>',
      meta: '',
      workflowState: 'retired',
      authorKey: 'sam',
      updatedAt: '2026-01-10T08:00:00Z',
      publishedAt: '2025-12-01',
    },
    {
      sysId: 'a1b2c3d4e5f60718293a4b5c6d7e8f06',
      number: 'KB0010006',
      shortDescription: 'Coupon codes on the mobile app',
      text: '<p>The mobile app ignores coupon codes (SHOP-102). Apply the code on the web shop.</p>',
      meta: 'coupon, mobile',
      workflowState: 'published',
      authorKey: 'sam',
      updatedAt: '2026-03-08T11:00:00Z',
      publishedAt: '2026-03-08',
    },
  ];
}

export function storyHelpCenterArticles(): HelpCenterArticle[] {
  return [
    {
      id: 360001234567,
      title: 'Large basket checkout spins: what to tell customers',
      body: '<p>Engineering tracks this as <strong>SHOP-101</strong>. Ask the customer to split the basket.</p>',
      draft: false,
      sectionId: 360000111111,
      authorKey: 'zoe',
      labelNames: ['checkout'],
      createdAt: '2026-03-06T09:00:00Z',
      updatedAt: '2026-03-11T15:00:00Z',
    },
    {
      id: 360001234568,
      title: 'Draft: checkout fix is out',
      body: '<p>SHOP-101 is fixed. (Draft.)</p>',
      draft: true,
      sectionId: 360000111111,
      authorKey: 'zoe',
      labelNames: [],
      createdAt: '2026-03-14T09:00:00Z',
      updatedAt: '2026-03-14T09:00:00Z',
    },
    {
      id: 360001234569,
      title: 'Coupon codes and the mobile app',
      body: '<p>Coupons typed in the app are ignored (SHOP-102).</p>',
      draft: false,
      sectionId: 360000111111,
      authorKey: 'zoe',
      labelNames: ['mobile'],
      createdAt: '2026-03-07T09:00:00Z',
      updatedAt: '2026-03-07T09:00:00Z',
    },
  ];
}
