-- 022 a new password ends every reset link still open for the account: the link
-- just used, older ones from before, and any sent before a password change.
UPDATE password_resets SET used_at = CAST(strftime('%s', 'now') AS INTEGER)
  WHERE used_at IS NULL AND created_at < (SELECT password_changed_at FROM accounts
                                          WHERE accounts.id = password_resets.account_id);
CREATE TRIGGER password_resets_end AFTER UPDATE OF password_hash ON accounts BEGIN
  UPDATE password_resets SET used_at = CAST(strftime('%s', 'now') AS INTEGER)
    WHERE account_id = NEW.id AND used_at IS NULL;
END;
