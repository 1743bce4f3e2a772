import type { ClientEvent } from '../client/client.events';
import { given, registered } from '../testing/client-events';
import { decideAttachClusterMember } from './attach-cluster-member.decide';
import { decideDesignateClusterHead } from './designate-cluster-head.decide';
import { decideDetachClusterMember } from './detach-cluster-member.decide';
import { decideRevokeClusterHead } from './revoke-cluster-head.decide';

const H = 'head-h';
const H2 = 'head-h2';
const M = 'member-m';

const designated = (clientId: string): ClientEvent => ({ type: 'ClusterHeadDesignated', data: { clientId } });
const joined = (clientId: string, headId: string): ClientEvent => ({ type: 'JoinedCluster', data: { clientId, headId } });
const memberAdded = (clientId: string, memberId: string): ClientEvent => ({
  type: 'ClusterMemberAdded',
  data: { clientId, memberId },
});
const left = (clientId: string, headId: string): ClientEvent => ({ type: 'LeftCluster', data: { clientId, headId } });
const memberRemoved = (clientId: string, memberId: string): ClientEvent => ({
  type: 'ClusterMemberRemoved',
  data: { clientId, memberId },
});

const designate = (clientId: string) => ({ type: 'DesignateClusterHead' as const, data: { clientId } });
const attach = (memberId: string, headId: string) => ({ type: 'AttachClusterMember' as const, data: { memberId, headId } });
const detach = (memberId: string) => ({ type: 'DetachClusterMember' as const, data: { memberId } });
const revoke = (clientId: string) => ({ type: 'RevokeClusterHead' as const, data: { clientId } });
const refusedWith = (code: string) => expect.objectContaining({ code });

describe('cluster structure', () => {
  describe('designating a head', () => {
    it('given a client in no cluster, when designated, then it becomes a head', () => {
      expect(decideDesignateClusterHead(designate(H), given(registered(H)))).toEqual([designated(H)]);
    });
    it('given a person client, when designated, then persons can be heads too', () => {
      expect(decideDesignateClusterHead(designate(H), given(registered(H, 'person')))).toEqual([designated(H)]);
    });
    it('given a head, when designated again, then it is refused', () => {
      expect(() => decideDesignateClusterHead(designate(H), given(registered(H), designated(H)))).toThrow(
        refusedWith('cluster.already-head'),
      );
    });
    it('given a member, when designated, then it is refused: a member is never a head', () => {
      expect(() => decideDesignateClusterHead(designate(M), given(registered(M), joined(M, H)))).toThrow(
        refusedWith('cluster.member-cannot-be-head'),
      );
    });
    it('given no client, when designated, then it is not found', () => {
      expect(() => decideDesignateClusterHead(designate(H), given())).toThrow(refusedWith('client.not-found'));
    });
  });

  describe('attaching a member', () => {
    const head = given(registered(H), designated(H));

    it('given a head and a free client, when attached, then both streams record it', () => {
      expect(decideAttachClusterMember(attach(M, H), given(registered(M)), head)).toEqual([
        joined(M, H),
        memberAdded(H, M),
      ]);
    });
    it('given the client is already a member of that head, when attached again, then nothing changes', () => {
      expect(decideAttachClusterMember(attach(M, H), given(registered(M), joined(M, H)), head)).toEqual([]);
    });
    it('given the client is a member of another head, when attached, then it is a conflict naming that head', () => {
      expect(() => decideAttachClusterMember(attach(M, H), given(registered(M), joined(M, H2)), head)).toThrow(
        expect.objectContaining({ code: 'cluster.member-of-another-head', kind: 'conflict', details: expect.objectContaining({ headId: H2 }) }),
      );
    });
    it('given the client is a head itself, when attached, then it is refused', () => {
      expect(() => decideAttachClusterMember(attach(H2, H), given(registered(H2), designated(H2)), head)).toThrow(
        refusedWith('cluster.head-cannot-be-member'),
      );
    });
    it('given the chosen client is not a head, when attached, then it is refused', () => {
      expect(() => decideAttachClusterMember(attach(M, H2), given(registered(M)), given(registered(H2)))).toThrow(
        refusedWith('cluster.not-a-head'),
      );
    });
    it('given a head, when attached to itself, then it is refused', () => {
      expect(() => decideAttachClusterMember(attach(H, H), head, head)).toThrow(refusedWith('cluster.self-membership'));
    });
    it('given an unknown head, when attached, then it is not found', () => {
      expect(() => decideAttachClusterMember(attach(M, H), given(registered(M)), given())).toThrow(
        refusedWith('client.not-found'),
      );
    });
  });

  describe('detaching a member', () => {
    it('given a member, when detached, then both streams record it and it may join another head', () => {
      const member = given(registered(M), joined(M, H));
      const head = given(registered(H), designated(H), memberAdded(H, M));
      const events = decideDetachClusterMember(detach(M), member, head);
      expect(events).toEqual([left(M, H), memberRemoved(H, M)]);

      const otherHead = given(registered(H2), designated(H2));
      expect(decideAttachClusterMember(attach(M, H2), given(registered(M), joined(M, H), left(M, H)), otherHead)).toEqual([
        joined(M, H2),
        memberAdded(H2, M),
      ]);
    });
    it('given a client in no cluster, when detached, then it is refused', () => {
      expect(() => decideDetachClusterMember(detach(M), given(registered(M)), given())).toThrow(
        refusedWith('cluster.not-a-member'),
      );
    });
  });

  describe('revoking a head', () => {
    it('given a head without members, when revoked, then it is no head any more', () => {
      expect(decideRevokeClusterHead(revoke(H), given(registered(H), designated(H)))).toEqual([
        { type: 'ClusterHeadRevoked', data: { clientId: H } },
      ]);
    });
    it('given a head with members, when revoked, then it is refused naming the members', () => {
      expect(() => decideRevokeClusterHead(revoke(H), given(registered(H), designated(H), memberAdded(H, M)))).toThrow(
        expect.objectContaining({ code: 'cluster.head-has-members', details: expect.objectContaining({ memberIds: [M] }) }),
      );
    });
    it('given a head whose members all left, when revoked, then it is allowed (dissolving a cluster)', () => {
      const state = given(registered(H), designated(H), memberAdded(H, M), memberRemoved(H, M));
      expect(decideRevokeClusterHead(revoke(H), state)).toHaveLength(1);
    });
    it('given a client that is no head, when revoked, then it is refused', () => {
      expect(() => decideRevokeClusterHead(revoke(M), given(registered(M)))).toThrow(refusedWith('cluster.not-a-head'));
    });
  });
});
