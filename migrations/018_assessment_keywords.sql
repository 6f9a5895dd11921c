-- 018 words to look up in the Q&A for each self-assessment item, so a result
-- can show past answers about its weakest items (any of the words, in the
-- item's first topic).

ALTER TABLE assessment_items ADD COLUMN keywords TEXT NOT NULL DEFAULT '';

UPDATE assessment_items SET keywords = CASE code
  WHEN 'GV1' THEN '責任者 経営者 体制'
  WHEN 'GV2' THEN 'ルール 規程 方針 パスワード'
  WHEN 'GV3' THEN '教育 研修 注意喚起 従業員'
  WHEN 'GV4' THEN '委託先 取引先 契約'
  WHEN 'GV5' THEN '予算 費用'
  WHEN 'GV6' THEN '個人情報 法令 個人情報保護法'
  WHEN 'ID1' THEN '機器 台帳 パソコン 一覧'
  WHEN 'ID2' THEN '重要情報 顧客情報 管理'
  WHEN 'ID3' THEN 'クラウド サービス ファイル共有'
  WHEN 'ID4' THEN 'リスク 被害 情報漏えい'
  WHEN 'ID5' THEN '取引先 要件 サプライチェーン'
  WHEN 'ID6' THEN 'ホームページ 公開 サーバー'
  WHEN 'PR1' THEN 'アップデート 更新 パッチ'
  WHEN 'PR2' THEN 'ウイルス対策 ウイルス セキュリティソフト'
  WHEN 'PR3' THEN 'パスワード 使い回し'
  WHEN 'PR4' THEN '二要素認証 多要素認証 認証'
  WHEN 'PR5' THEN '退職者 アカウント 権限'
  WHEN 'PR6' THEN 'ルーター 無線LAN Wi-Fi'
  WHEN 'DE1' THEN '不審なメール 報告 フィッシング'
  WHEN 'DE2' THEN 'ログ 記録'
  WHEN 'DE3' THEN 'ログイン 通知 不正ログイン'
  WHEN 'DE4' THEN 'ウイルス 警告 検知'
  WHEN 'DE5' THEN '改ざん 通販 ホームページ'
  WHEN 'DE6' THEN '脆弱性 診断 点検'
  WHEN 'RS1' THEN '連絡先 相談 警察'
  WHEN 'RS2' THEN '手順 初動 対応'
  WHEN 'RS3' THEN '情報漏えい 報告 個人情報保護委員会'
  WHEN 'RS4' THEN '訓練 演習'
  WHEN 'RS5' THEN '調査 フォレンジック 専門家'
  WHEN 'RS6' THEN 'サイバー保険 保険 費用'
  WHEN 'RC1' THEN 'バックアップ'
  WHEN 'RC2' THEN 'バックアップ ランサムウェア オフライン'
  WHEN 'RC3' THEN 'バックアップ 復旧 復元'
  WHEN 'RC4' THEN '業務継続 BCP 停止'
  WHEN 'RC5' THEN '説明 顧客 謝罪'
  WHEN 'RC6' THEN '再発防止 振り返り 見直し'
  ELSE '' END
WHERE version = 1;
