// The first talk keeps the essay it is made from: every point of the essay
// (test/fixtures/talk/essay.ja.txt, a copy of the source in ../shared) is said in the
// Japanese edition's speaker notes. Each point names the essay's own words, checked to be in
// the essay, and the words the notes must carry for it (the notes are spoken, so a few
// phrases are reworded: 「から」 for 「〜」, 「、」 for parentheses).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../src/core/pipeline.js';
import { memoryEnv } from './helpers/memory-env.js';
import { ROOT } from './helpers/cli.js';
import { SAMPLES_HERE } from './helpers/samples.js';

const POINTS: { essay: string; notes: string[] }[] = [
  // The question
  { essay: 'ソフトバンクは莫大な資金を持ち', notes: ['ソフトバンクは莫大な資金'] },
  { essay: 'パークシャやプリファードネットワークスといったAI企業も存在していました', notes: ['パークシャやプリファードネットワークス'] },
  { essay: 'DeepSeekのような大規模言語モデル(LLM)を開発する企業は日本から生まれませんでした', notes: ['大規模言語モデル', '日本から生まれませんでした'] },
  { essay: '日本には技術力がありながら', notes: ['日本には技術力がありながら'] },
  { essay: '「日本は変われない」ままでも、この状況を打開し、AI企業を生み出す方法はあるのでしょうか', notes: ['「日本は変われない」ままでも', '打開し'] },
  // Part 1: structural problems
  { essay: '以下のような構造的な問題が挙げられます', notes: ['四つの構造的な問題'] },
  { essay: '資金の投じ方が間違っている', notes: ['資金の投じ方が間違っている'] },
  { essay: '短期的な収益を求める傾向が強く', notes: ['短期的な収益を求める傾向が強く'] },
  { essay: '「失敗を前提としたリスクマネー」がほとんど存在しない', notes: ['「失敗を前提としたリスクマネー」がほとんど存在しない'] },
  { essay: '日本国内のAIスタートアップにはほとんど投資せず、海外のOpenAIやAnthropicに資金を提供しました', notes: ['ほとんど投資せず', 'OpenAIやAnthropic'] },
  { essay: 'リスクマネーの仕組みがなかった', notes: ['リスクマネーの仕組みがなかった'] },
  { essay: '研究開発のスケールが小さすぎる', notes: ['研究開発のスケールが小さすぎる'] },
  { essay: '数百億〜数千億円規模の計算資源と継続的な資金投入が必要です', notes: ['数百億から数千億円規模の計算資源', '継続的な資金投入'] },
  { essay: '「効率の良いモデル」開発にとどまってしまう', notes: ['「効率の良いモデル」', 'とどまって'] },
  { essay: '「規模の経済」がAI競争を左右する', notes: ['「規模の経済」がAI競争を左右する'] },
  { essay: '日本は「効率重視」の戦略を取っており', notes: ['「効率重視」の戦略'] },
  { essay: 'グローバルな競争から取り残されています', notes: ['グローバルな競争から取り残されています'] },
  { essay: '優秀な研究者が海外に流出している', notes: ['優秀な研究者が海外に流出している'] },
  { essay: '待遇や研究環境の差により、優秀な人材が米国や中国へ流出しています', notes: ['待遇や研究環境の差', '米国や中国へ流出'] },
  { essay: 'OpenAIには日本人の研究者が複数在籍しています', notes: ['OpenAIには日本人の研究者が複数在籍'] },
  { essay: '彼らが日本企業に残っていたら、果たして同じ成果を上げられたでしょうか', notes: ['果たして同じ成果を上げられたでしょうか'] },
  { essay: '研究者が思う存分チャレンジできる土壌がない', notes: ['思う存分チャレンジできる土壌がない'] },
  { essay: '産業界と政府の連携不足、そして規制の壁', notes: ['産業界と政府の連携不足', '規制の壁'] },
  { essay: '政府がAI開発に積極的に関与し、民間企業との連携を強化しています', notes: ['政府がAI開発に積極的に関与し', '民間企業との連携を強化'] },
  { essay: 'データ活用に関する規制が厳しく', notes: ['データ活用に関する規制が厳しく'] },
  { essay: '「データの量」は決定的に重要です', notes: ['「データの量」は決定的に重要です'] },
  { essay: 'そもそも競争のスタートラインに立てていない可能性が高い', notes: ['スタートラインに立てていない可能性が高い'] },
  // Part 2: ways forward, with Japan unchanged
  { essay: '「日本は変われない」という前提のもと', notes: ['「日本は変われない」という前提'] },
  { essay: '海外資本を積極的に受け入れる', notes: ['海外資本を積極的に受け入れる'] },
  { essay: '海外資本と共同でファンドを設立し、日本の企業がそこから資金調達できる仕組み', notes: ['海外資本と共同でファンドを設立し', 'そこから資金調達できる仕組み'] },
  { essay: '海外のAI企業との共同研究やジョイントベンチャーを増やし', notes: ['共同研究やジョイントベンチャー'] },
  { essay: '「規模の経済」ではなく「特化戦略」を取る', notes: ['「規模の経済」ではなく「特化戦略」'] },
  { essay: '特定の分野に特化したAI開発なら可能性があります', notes: ['特定の分野に特化したAI開発なら可能性があります'] },
  { essay: '医療分野に特化したAI', notes: ['医療分野に特化したAI'] },
  { essay: '製造業向けの高度なAIシステム', notes: ['製造業向けの高度なAIシステム'] },
  { essay: '自動翻訳・自然言語処理に特化した技術', notes: ['自動翻訳や自然言語処理に特化した技術'] },
  { essay: '日本が強みを持つ分野に絞り込む', notes: ['日本が強みを持つ分野に絞り込む'] },
  { essay: '優秀な人材を海外から呼び込む', notes: ['優秀な人材を海外から呼び込む'] },
  { essay: '日本からの人材流出は止められないかもしれません', notes: ['人材流出は止められないかもしれません'] },
  { essay: 'AI研究者向けの特別ビザの導入', notes: ['AI研究者向けの特別ビザの導入'] },
  { essay: '国際的なAI研究機関の設立', notes: ['国際的なAI研究機関の設立'] },
  { essay: '研究者が自由に活動できる環境の整備', notes: ['研究者が自由に活動できる環境の整備'] },
  { essay: 'シンガポールやUAEなどが既に実践している戦略', notes: ['シンガポールやUAEなどがすでに実践している戦略'] },
  { essay: '既存の大企業ではなく、新興企業が主導する', notes: ['既存の大企業ではなく、新興企業が主導する'] },
  { essay: '日本の大企業はスピード感が遅く、リスクを取らない傾向がある', notes: ['スピード感が遅く、リスクを取らない傾向'] },
  { essay: 'スタートアップが中心となり、独自のアプローチで開発を進める', notes: ['スタートアップが中心となって', '独自のアプローチ'] },
  { essay: '既存の枠組みにとらわれない新興企業を支援する', notes: ['既存の枠組みにとらわれない新興企業を支援'] },
  { essay: 'スタートアップが大企業のリソースを活用できる仕組みを作る', notes: ['スタートアップが大企業のリソースを活用できる仕組み'] },
  { essay: '最初からグローバル市場をターゲットにする', notes: ['最初からグローバル市場をターゲットに'] },
  // Part 3: the conclusion
  { essay: '日本は構造的な問題を抱えており、この先も変わらないままです', notes: ['構造的な問題を抱えていて', 'この先も変わらないまま'] },
  { essay: '海外資本の活用、特化戦略、人材獲得、新興企業の支援といった方法を駆使すれば', notes: ['海外資本の活用、特化戦略、人材獲得、新興企業の支援'] },
  { essay: 'DeepSeekのような企業を生み出すことは可能だったはず', notes: ['DeepSeekのような企業を生み出すことは可能だったはず'] },
  { essay: '日本が変われないことを前提に、どうすればその中で勝てるのかを考える', notes: ['日本が変われないことを前提に', 'どうすればその中で勝てるのか'] },
  { essay: '国内ユーザーを増やして、育てることしかなさそうです', notes: ['国内ユーザーを増やして、育てることしかなさそうです'] },
];

/** Text without markup or the build's phrase breaks, and without line breaks. */
const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, '');

describe.skipIf(!SAMPLES_HERE)('the Japanese talk', () => {
  it("carries every point of the essay in its speaker notes", async () => {
    const essay = readFileSync(path.join(ROOT, 'test/fixtures/talk/essay.ja.txt'), 'utf8').replace(/\s+/g, '');
    const source = readFileSync(path.join(ROOT, 'slides/japan-ai/slides.md'), 'utf8');
    const env = await memoryEnv({ '/talk/slides.md': source });
    const talk = await renderTalk(await readTalk({ slug: 'japan-ai', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
    const notes = plain(talk.slides.map((s) => s.notesHtml).join(''));
    expect(notes.length).toBeGreaterThan(2000);
    const notInEssay = POINTS.filter((p) => !essay.includes(p.essay.replace(/\s+/g, ''))).map((p) => p.essay);
    const missing = POINTS.flatMap((p) => p.notes.filter((words) => !notes.includes(words)).map((words) => `${p.essay} → ${words}`));
    expect(notInEssay).toEqual([]);
    expect(missing).toEqual([]);
  });
});
