import type { Migration } from './migration';

/**
 * A checkpoint's move as one statement that fails when it cannot move, so that it can open a
 * transaction sent in one go (see `runInOneFlight`): nothing after it in the transaction is written
 * when another process moved the checkpoint first. The row is locked to the end of the transaction
 * either way. A checkpoint at the start may have no row yet: it is created, unless another process
 * created it first.
 */
const advanceCheckpoint = `
create function es_advance_checkpoint(p_subscription text, p_from_transaction xid8, p_from_position bigint,
                                      p_to_transaction xid8, p_to_position bigint, p_from_start boolean)
returns void language plpgsql as $fn$
begin
  update es_checkpoints set transaction_id = p_to_transaction, global_position = p_to_position, updated_at = now()
   where subscription_id = p_subscription and transaction_id = p_from_transaction and global_position = p_from_position;
  if found then
    return;
  end if;
  if p_from_start then
    insert into es_checkpoints (subscription_id, transaction_id, global_position)
    values (p_subscription, p_to_transaction, p_to_position)
    on conflict (subscription_id) do nothing;
    if found then
      return;
    end if;
  end if;
  raise exception 'subscription % was advanced by another process; reloading its checkpoint', p_subscription
    using errcode = 'KH410';
end
$fn$;
`;

export const advanceCheckpointMigration: Migration = { id: 'eventstore/011-advance-checkpoint', sql: advanceCheckpoint };
