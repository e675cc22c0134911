package com.example.helpdesk;

import com.alibaba.dashscope.aigc.generation.Generation;
import com.alibaba.dashscope.aigc.generation.GenerationParam;
import com.alibaba.dashscope.aigc.generation.GenerationResult;
import com.alibaba.dashscope.aigc.generation.SearchOptions;
import com.alibaba.dashscope.common.Message;
import com.alibaba.dashscope.common.Role;
import java.util.List;

/** Answers with the latest release notes, searching the web on every question. */
public class SearchClient {
    private final Generation generation = new Generation();

    public GenerationResult ask(String question) throws Exception {
        Message user = Message.builder().role(Role.USER.getValue()).content(question).build();
        GenerationParam param = GenerationParam.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .model("qwen-max")
                .messages(List.of(user))
                .resultFormat(GenerationParam.ResultFormat.MESSAGE)
                .enableSearch(true)
                .searchOptions(SearchOptions.builder().searchStrategy("agent").build())
                .build();
        return generation.call(param);
    }
}
