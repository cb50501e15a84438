import { CodeListsDocument } from '../generated/graphql';
import { dataOf } from '../factories';
import { expectNoPrivateDataOf, type IsolationCase } from './harness';

/** Cross-tenant cases for the code lists (src/modules/labels): the same words for everyone, no organization's data. */
export const labelsCases: IsolationCase[] = [
  {
    operation: 'codeLists',
    description: 'B reads the code lists and their labels: nothing of A in them, and the same as A reads',
    shared: 'the code lists, the same for every organization',
    async run({ app, a, b }) {
      const asB = await app.request(CodeListsDocument, { locale: 'vi' }, { token: b.admin.token });
      expectNoPrivateDataOf(a, asB);
      const asA = await app.request(CodeListsDocument, { locale: 'vi' }, { token: a.admin.token });
      expect(dataOf(asB).codeLists).toEqual(dataOf(asA).codeLists);
    },
  },
];
